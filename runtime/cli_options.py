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
    show_envvar=True,
    help="JS engine to run on (see `runtime engines`).",
)


def _split_conditions(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...] | None:
    names = tuple(name.strip() for item in value for name in item.split(",") if name.strip())
    return names or None


conditions_option = click.option(
    "-C",
    "--conditions",
    multiple=True,
    envvar="RUNTIME_CONDITIONS",
    show_envvar=True,
    metavar="NAME[,NAME]",
    callback=_split_conditions,
    help="Package `exports` conditions to match, in order (repeatable or comma-separated; "
    "default: workerd, worker, browser, import, default), as Node's and esbuild's --conditions.",
)
