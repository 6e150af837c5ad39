"""The hyperpartisan capability: detector, training, model and card in one folder."""
