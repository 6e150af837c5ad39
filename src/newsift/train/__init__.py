"""Training and benchmarking of the shipped models, one module per task (see newsift.tasks).

These modules may import scikit-learn; the detectors that use their models do not.
"""
