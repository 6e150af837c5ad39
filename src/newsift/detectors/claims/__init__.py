"""Check-worthy claims: what makes a sentence checkable (numbers, dates, named entities)."""
