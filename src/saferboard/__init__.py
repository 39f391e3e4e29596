"""saferboard: the one tool a Community Safety Partnership needs."""
