"""The learned reliability score (learned-v1): features, model, scorer, training and bench."""
