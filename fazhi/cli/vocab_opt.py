"""``--vocab DIR``: the user's own Turtle vocabulary, for the commands that extract."""

from __future__ import annotations

from pathlib import Path

import typer

VOCAB_OPTION = typer.Option(
    None, "--vocab", metavar="DIR",
    help="Folder (or .ttl file) of your own SKOS Turtle adding concepts, altLabels and fz:patterns; "
    "repeatable. Also read from $FAZHI_VOCAB (paths joined by ':').",
)


def use_vocab_option(paths: list[Path] | None) -> None:
    """Read the vocabulary now, with ``paths`` added: bad Turtle stops the command with one line (exit 2)."""
    from fazhi.ontology.concepts import VocabularyError, use_vocab, vocabulary_files

    try:
        use_vocab(paths or [])
        vocabulary_files()
    except VocabularyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
