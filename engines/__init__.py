"""Engine plugins: one package per engine behind the protocol in ``engines.base``."""
