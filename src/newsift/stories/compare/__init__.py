"""Cross-outlet claim comparison, per story (issue 13, item 2).

`figures` parses figures with their scale and what they count and finds those that conflict;
`matching` finds each claim's best sentence per other outlet; `verdict` labels it supports /
disputes / silent (a sentence-level rule on top of the stance model); `story` compares one
story; `load` reads the stories that changed from the corpus and `table` writes `story_claims`;
`summary` tells per claim how many outlets support, dispute or are silent, and which claims rest
on one outlet alone.
"""
