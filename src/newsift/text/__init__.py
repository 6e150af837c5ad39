"""Text utilities every step shares: sentences, scanning, quotations, whose voice, page furniture,
domains, and safe output text. Pure functions over strings and offsets; no models."""
