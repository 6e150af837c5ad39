"""Propaganda techniques (SemEval-2020 Task 11): features, models, official metrics, definitions."""
