"""Engine plugins: one module per engine behind the protocol in ``engines.base``."""
