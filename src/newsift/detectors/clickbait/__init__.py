"""The clickbait capability: detector, training, model and card in one folder."""
