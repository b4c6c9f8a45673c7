"""Command-line options shared by the ``runtime`` subcommands."""

from __future__ import annotations

import click

from runtime import registry

engine_option = click.option(
    "-e",
    "--engine",
    default=registry.DEFAULT_ENGINE,
    show_default=True,
    envvar="RUNTIME_ENGINE",
    help="JS engine to run on (see `runtime engines`).",
)
