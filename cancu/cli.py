"""The ``cancu`` command line: a thin layer that parses options and prints.

Library errors (``CancuError``) become ``click.ClickException`` (exit 1); usage
errors exit 2. Commands live in modules under ``cancu/commands``.
"""
from __future__ import annotations

import importlib
import sys
import traceback

import click

from graphmodel.errors import CancuError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: command modules and the click command each exports (module, attribute)
COMMANDS = (
    ("load", "load"),
    ("extract", "extract"),
    ("stats", "stats"),
    ("export", "export"),
    ("basis", "basis"),
    ("flow", "flow"),
    ("agency", "agency"),
    ("path", "path"),
    ("cited", "cited"),
    ("unresolved", "unresolved"),
    ("compare", "compare"),
    ("view", "view"),
    ("agencies", "agencies"),
    ("neo4j", "neo4j"),
    ("bench", "bench"),
)


class CancuGroup(click.Group):
    """Turns library errors into one-line messages; ``--debug`` shows the traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CancuError as err:
            if ctx.meta.get("cancu.debug"):
                traceback.print_exc()
            raise click.ClickException(str(err)) from err
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; the saved graph was left as it was", err=True)
            sys.exit(130)
        except Exception as err:  # a bug: say so plainly, no traceback unless asked
            if ctx.meta.get("cancu.debug"):
                raise
            raise click.ClickException(
                f"internal error ({type(err).__name__}: {err}); run again with --debug and report it"
            ) from err


@click.group(cls=CancuGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="cancu")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx, debug):
    """cancu: legal bases and responsibilities of Vietnamese administrative documents.

    Load documents into a graph, then ask what a plan rests on and who must act.

    \b
    Example:
        cancu load examples/
        cancu stats
        cancu extract examples/02_ke-hoach-tinh.txt --format json
    """
    ctx.meta["cancu.debug"] = debug


def _register():
    for module, attr in COMMANDS:
        mod = importlib.import_module(f"cancu.commands.{module}")
        cli.add_command(getattr(mod, attr))


_register()


def main():
    cli(prog_name="cancu")
