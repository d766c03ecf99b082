"""``fazhi build`` and ``fazhi extract``."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path

import typer

from fazhi.cli import app
from fazhi.cli.vocab_opt import VOCAB_OPTION, use_vocab_option

DEFAULT_INPUT = Path("examples/reports")
DEFAULT_OUT = Path("out")


def _check_inputs(inputs: list[Path]) -> list[Path]:
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(
            ", ".join(f"{p}: no such file or folder" for p in missing), param_hint="INPUT"
        )
    return inputs


COMPACT_HINT = 1000  # new reports from which a build suggests --compact


@app.command()
def build(
    inputs: list[Path] = typer.Argument(
        None, help="Report files or folders (default: examples/reports).", show_default=False
    ),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Build directory."),
    prune: bool = typer.Option(False, "--prune", help="Drop reports whose files are gone."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Worker processes that read, extract and serialise reports (0: one per core from 200 new files)."
    ),
    no_html: bool = typer.Option(False, "--no-html", help="Skip the HTML briefing."),
    compact: bool = typer.Option(
        False, "--compact", help="Compact the store after loading: queries over big stores run 2-5x faster "
        "(costs about 100 s per 10,000 reports; works on an unchanged build too)."
    ),
    vocab: list[Path] = VOCAB_OPTION,
) -> None:
    """Read reports, extract, link and write the graph, exports and HTML briefing.

    Unchanged files (same SHA-256) are skipped; on big builds a spread sample
    of the new report graphs is SHACL-checked (`fazhi validate OUT` checks all).
    Exit codes: 0 built, 1 some files failed (listed on stderr), 2 cannot
    start, 3 internal error (the builder made a graph that breaks its own shapes).

    Example: fazhi build examples/reports -o out --vocab my_words/
    """
    from fazhi.build import BuildError, run_build
    from fazhi.cli.progress import progress_bar
    from fazhi.cli.summary import print_build_report
    from fazhi.extract.printable import printable
    from fazhi.graph.store import StoreError
    from fazhi.graph.validate import GraphInvalid

    inputs = _check_inputs(inputs or [DEFAULT_INPUT])
    use_vocab_option(vocab)
    try:
        with progress_bar() as progress:
            report = run_build(inputs, out, prune=prune, n_process=jobs, html=not no_html, compact=compact,
                               progress=progress)
    except (BuildError, StoreError) as exc:  # served, or a second build writing the same folder
        typer.echo(f"error: {printable(exc, one_line=True)}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # a full disk, a read-only folder: every output is replaced atomically
        where = printable(exc.filename or out, one_line=True)
        cause = printable(exc.strerror or " ".join(str(exc).split()), one_line=True)
        typer.echo(f"error: {where}: cannot write the build ({cause}); the previous outputs are unchanged",
                   err=True)
        raise typer.Exit(2) from None
    except GraphInvalid as exc:  # a builder bug, not bad input: nothing of that batch was stored
        typer.secho(f"internal error: the builder's own output breaks the SHACL shapes; "
                    f"that batch was not stored. Please report this.\n{exc}", err=True, fg="red", bold=True)
        raise typer.Exit(3) from None
    print_build_report(report)
    if report.extracted and report.validated < report.extracted:
        typer.echo(f"SHACL: checked a spread sample of {report.validated} of the {report.extracted} new "
                   f"report graphs; `fazhi validate {out}` checks them all.")
    raise typer.Exit(1 if report.failures else 0)


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Report files or folders."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    jobs: int = typer.Option(
        1, "--jobs", "-j", help="Processes that extract (spaCy's nlp.pipe n_process; 0: one per core)."
    ),
    vocab: list[Path] = VOCAB_OPTION,
) -> None:
    """Print extraction records (one JSON object per report) or the cleaned text.

    Example: fazhi extract examples/reports --format jsonl > records.jsonl
    """
    from fazhi.build import extract_each, read_documents
    from fazhi.extract.ingest import collect_inputs
    from fazhi.extract.ingest.names import readable_path
    from fazhi.extract.printable import error_line

    collected = collect_inputs(_check_inputs(inputs))
    use_vocab_option(vocab)
    docs, failures = read_documents(collected.files)
    errors = [(readable_path(p), c) for p, c in collected.errors] + [(f.path, f.cause) for f in failures]
    if fmt is ExtractFormat.text:
        chunks = [d.text for d in docs]
        payload = "\n".join(chunks) if len(chunks) != 1 else chunks[0]
    else:
        n_process = max(1, min(jobs if jobs > 0 else (os.cpu_count() or 1), len(docs)))
        extracted, broken = extract_each(docs, n_process)
        errors += [(f.path, f.cause) for f in broken]
        records = [r.to_dict() for r in extracted]
        if fmt is ExtractFormat.json:
            payload = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        else:
            payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if out:
        from fazhi.graph.atomic import write_text_atomic

        try:
            write_text_atomic(out, payload)
        except OSError as exc:
            errors.append((str(out), f"cannot write ({exc.strerror or exc})"))
    else:
        if sys.stdout.isatty():  # report text on a terminal: controls shown, never run
            from fazhi.extract.printable import printable

            payload = printable(payload)
        sys.stdout.write(payload)
    for path, cause in errors:
        typer.echo(error_line(path, cause), err=True)
    raise typer.Exit(1 if errors else 0)
