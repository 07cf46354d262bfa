"""The command line: a thin layer over :func:`copydesk.clean` and the writers.

``main(argv)`` returns the exit code, so tests call it in process.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from pathlib import Path

from copydesk import COMPILED, __version__
from copydesk.api import clean
from copydesk.errors import CopydeskError, OCRUnavailableError, OptionError
from copydesk.stages import STAGE_NAMES, STAGES
from copydesk.writers import WRITERS, write_explain

EXIT_OK = 0
EXIT_INPUT = 1  # the input cannot be read as an article (any other CopydeskError too)
EXIT_USAGE = 2
EXIT_NO_OCR = 3  # the input needs OCR and tesseract is not installed: the input is fine
BUILD = "compiled by mypyc" if COMPILED else "pure Python"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Restore articles from broken renditions: PDFs, scans, web pages, text dumps.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__} ({BUILD})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    stages = "\n".join(f"  {s.name:<11} {s.summary}" for s in STAGES)
    cmd = commands.add_parser(
        "clean",
        help="restore one article and print it",
        description="Restore one article from PATH (or standard input with '-') and print it.",
        epilog=f"stages (for --skip):\n{stages}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument(
        "path",
        metavar="PATH",
        help="a PDF, an image of a page, an HTML page or a text file; - for standard input",
    )
    cmd.add_argument(
        "--format", choices=sorted(WRITERS), default="text", help="output format (default: text)"
    )
    cmd.add_argument(
        "--explain", action="store_true", help="list every edit and removal on standard error"
    )
    _add_restore_options(cmd)
    cmd.add_argument("--password", help="the password of an encrypted PDF")
    _add_batch(commands, stages)
    _add_versions(commands)
    _add_merge(commands)
    _add_eval(commands)
    return parser


def _add_eval(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from copydesk.evaluation import FIELDS

    cmd = commands.add_parser(
        "eval",
        help="measure copydesk on articles whose truth you know",
        description=(
            "Score restored articles against a truth set in the benchmark format (a folder"
            " with manifest.jsonl, or folders each holding truth.json and its input.*; see"
            " docs/evaluation.md): the metrics per scenario, then the worst cases and what"
            " went wrong in them."
        ),
    )
    cmd.add_argument("truth", metavar="TRUTH_DIR", help="the folder of the truth set")
    source = cmd.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--run", action="store_true", help="restore every case's input here, then score"
    )
    source.add_argument(
        "--pred", metavar="PRED_DIR", help="score the predictions PRED_DIR/<case>.json instead"
    )
    cmd.add_argument(
        "--input",
        choices=("auto", "pdf", "txt"),
        default="auto",
        help="with --run: which rendition to restore (default auto: the PDF where there is one)",
    )
    cmd.add_argument("--only", metavar="S[,S]", help="keep these scenarios (or renderings)")
    cmd.add_argument("--limit", type=int, default=0, metavar="N", help="the first N cases only")
    cmd.add_argument(
        "--worst", type=int, default=5, metavar="K", help="show the K worst cases (default 5)"
    )
    cmd.add_argument(
        "--by", choices=FIELDS, default="body_sim", help="rank the worst by (default body_sim)"
    )
    cmd.add_argument("--json", metavar="FILE", help="also write the whole report as JSON")
    cmd.add_argument(
        "--save-pred", metavar="DIR", help="with --run: keep the articles as DIR/<case>.json"
    )
    _add_workers(cmd)
    _add_time_limit(cmd)
    cmd.add_argument("--quiet", action="store_true", help="no progress bar")


def _add_versions(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "versions",
        help="find the renditions of each article in a corpus",
        description=(
            "Group the documents of the inputs by article (MinHash LSH over the restored"
            " bodies): one JSON line per cluster in OUT. Inputs are restored first, as by"
            " 'copydesk batch' (kept in OUT's folder as NAME.articles.jsonl), unless they are"
            " a batch's output already."
        ),
    )
    _add_corpus_options(
        cmd,
        "files, folders, globs, tables of documents, or the output of copydesk batch",
        "the clusters, as .jsonl",
    )
    cmd.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="the share of the shorter body's word 3-grams the longer must hold for the two"
        " to be one article (0-1; default 0.5)",
    )


def _add_merge(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = commands.add_parser(
        "merge",
        help="merge renditions of one article into the best one",
        description=(
            "Restore each rendition of one article, align them, and print the one best"
            " article: the longest complete body, each differing reading taken from the"
            " rendition that supports it best. --explain logs every choice."
        ),
    )
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="two or more renditions")
    cmd.add_argument(
        "--format", choices=sorted(WRITERS), default="text", help="output format (default: text)"
    )
    cmd.add_argument("--explain", action="store_true", help="list every choice on standard error")


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser], stages: str) -> None:
    cmd = commands.add_parser(
        "batch",
        help="restore many documents into one JSONL or Parquet file",
        description=(
            "Restore every document of the inputs into OUT, one row per document, on all"
            " cores; failures go to the errors file beside OUT (OUT.errors.jsonl). Stopped"
            " at any moment, the same command run again finishes what is left."
        ),
        epilog=f"stages (for --skip):\n{stages}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_corpus_options(
        cmd,
        "files, folders, globs (quoted), or JSONL/Parquet tables with a text or path column",
        "the output: .jsonl or .parquet",
    )
    cmd.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local processes (default), or a Ray Data pipeline (pip install 'copydesk[ray]')",
    )
    cmd.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="with --engine ray: join this cluster (auto, or ray://HEAD:10001) instead of"
        " starting Ray on this machine",
    )
    cmd.add_argument("--column", help="the table column that holds the documents")
    cmd.add_argument(
        "--with-edits", action="store_true", help="also write each article's edits and removals"
    )
    cmd.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    _add_restore_options(cmd)


def _add_restore_options(cmd: argparse.ArgumentParser) -> None:
    """The options of restoring itself, the same for one document or a corpus."""
    cmd.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="STAGE",
        choices=STAGE_NAMES,
        help="leave a stage out (repeatable)",
    )
    _add_time_limit(cmd)


def _add_corpus_options(cmd: argparse.ArgumentParser, inputs: str, out: str) -> None:
    """The inputs, output, workers and quiet of a command over a corpus."""
    cmd.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs)
    cmd.add_argument("--out", required=True, metavar="OUT", help=out)
    _add_workers(cmd)
    cmd.add_argument("--quiet", action="store_true", help="no progress bar and no summary")


def _add_workers(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--workers", type=int, metavar="N", help="processes (default: all cores)")


def _add_time_limit(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--time-limit",
        type=_seconds,
        metavar="SECONDS",
        help="give up on a document after this long (default: 300)",
    )


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {value!r}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    commands = {
        "clean": _clean,
        "batch": _batch,
        "versions": _versions,
        "merge": _merge,
        "eval": _eval,
    }
    try:
        return commands[args.command](args)
    except CopydeskError as exc:
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return EXIT_NO_OCR if isinstance(exc, OCRUnavailableError) else EXIT_INPUT
    except KeyboardInterrupt:
        if args.command in ("batch", "versions"):
            print(
                "copydesk: interrupted: what was finished is kept; run the same command"
                " again to finish the rest",
                file=sys.stderr,
            )
        return 130


def _clean(args: argparse.Namespace) -> int:
    source: bytes | Path = sys.stdin.buffer.read() if args.path == "-" else Path(args.path)
    article = clean(source, skip=args.skip, password=args.password, time_limit=args.time_limit)
    text = WRITERS[args.format](article) + "\n" * (args.format in ("json", "jsonld"))
    if not _print_result(text):
        return EXIT_OK
    for warning in article.warnings:
        print(f"copydesk: warning: {warning}", file=sys.stderr)
    if args.explain:
        print(write_explain(article), file=sys.stderr)
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from copydesk.corpus.batch import run_batch

    summary = run_batch(
        args.inputs,
        args.out,
        workers=args.workers,
        engine=args.engine,
        column=args.column,
        skip=args.skip,
        time_limit=args.time_limit,
        with_edits=args.with_edits,
        overwrite=args.overwrite,
        progress=not args.quiet and sys.stderr.isatty(),
        ray_address=args.ray_address,
    )
    if not args.quiet:
        print(f"copydesk: batch: {summary}", file=sys.stderr)
    return EXIT_OK


def _versions(args: argparse.Namespace) -> int:
    from copydesk.corpus.clusters import run_versions

    summary = run_versions(
        args.inputs,
        args.out,
        workers=args.workers,
        threshold=args.threshold,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    if not args.quiet:
        if summary.restored is not None:
            print(f"copydesk: restored: {summary.restored}", file=sys.stderr)
        print(f"copydesk: versions: {summary}\nclusters: {args.out}", file=sys.stderr)
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    import json

    from copydesk.corpus.merge import merge

    merged = merge([Path(p) for p in args.paths])
    if args.format == "json":
        text = json.dumps(merged.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = WRITERS[args.format](merged.article) + "\n" * (args.format == "jsonld")
    if not _print_result(text):
        return EXIT_OK
    if args.explain:
        print(merged.explain(), file=sys.stderr)
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    import json

    from copydesk.evaluation import evaluate

    if args.save_pred and not args.run:
        raise OptionError("--save-pred keeps what --run restores: give --run with it")
    report = evaluate(
        args.truth,
        predictions=args.pred,
        run=args.run,
        input=args.input,
        only=args.only,
        limit=args.limit,
        workers=args.workers,
        time_limit=args.time_limit,
        save_predictions=args.save_pred,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    if args.json:
        data = report.to_dict(args.worst, args.by)
        try:
            Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except OSError as exc:
            raise OptionError(
                f"cannot write the report to {args.json} ({exc.strerror}): give --json a path"
                " in a folder you can write to"
            ) from exc
    _print_result(report.text(args.worst, args.by) + "\n")
    return EXIT_OK


def _print_result(text: str) -> bool:
    """Write ``text`` to standard output; False when the reader went away
    (``copydesk clean ... | head``), where the command stops quietly, as cat does."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return False
    return True


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main_entry() -> None:
    """Console-script entry point.

    The process is the command's own, so the cyclic garbage collector is switched off: the
    restorer makes no reference cycles, and collecting while it builds millions of small
    objects for a large input only walks them again and again (a 50 MB input took 40 to
    52 s with it, 32 to 36 s without).
    """
    gc.disable()
    sys.exit(main())
