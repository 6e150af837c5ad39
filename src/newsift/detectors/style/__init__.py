"""The style capability: detector, training, model and card in one folder."""
