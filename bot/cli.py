"""The command line: run / start / chat / ask / check / eval / report. Argparse only; the work is in the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.core.knowledge import FaqInvalid, load_faq
from bot.core.pipeline import Responder
from bot.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `python -m bot report | head`: the reader has gone, which is no error. Point stdout at devnull so
        # the interpreter's final flush does not raise again (the recipe in Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--faq-dir", type=Path, default=None, help="the FAQ folder (default: FAQ_DIR or faq/)")
    parser = argparse.ArgumentParser(prog="python -m bot", description="The back-pain injection FAQ bot.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="start the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.set_defaults(handler=cmd_run)
    start = sub.add_parser(
        "start", parents=[common], help="the Telegram bot if a token is set, otherwise the terminal chat"
    )
    start.set_defaults(handler=cmd_start)
    chat = sub.add_parser("chat", parents=[common], help="talk to the bot in the terminal, no token needed")
    chat.set_defaults(handler=cmd_chat)

    ask = sub.add_parser("ask", parents=[common], help="answer one question (or one a line from stdin)")
    ask.add_argument("question", nargs="?", help="the question; omitted: read one a line from standard input")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.set_defaults(handler=cmd_ask)

    check = sub.add_parser("check", parents=[common], help="validate the FAQ folder")
    check.add_argument("--strict", action="store_true",
                       help="also fail on content warnings, and on entries not reviewed for over a year")
    check.add_argument("--today", type=_date, default=None,
                       help="with --strict: check review dates as on this day (YYYY-MM-DD), e.g. to plan reviews")
    check.add_argument("--impact", action="store_true",
                       help="also list every question whose reply the edit changes, from what to what")
    check.add_argument("--against", type=Path, default=None,
                       help="with --impact: the FAQ folder to compare with (default: the folder's last git commit, "
                            "or outside git the running bot's folder, FAQ_DIR)")
    check.set_defaults(handler=cmd_check)

    ev = sub.add_parser("eval", parents=[common], help="score a labelled question set (JSON lines)")
    ev.add_argument("file", type=Path)
    ev.set_defaults(handler=cmd_eval)

    report = sub.add_parser("report", parents=[common], help="what patients asked that went unanswered")
    report.add_argument("--alternates", action="store_true", help="print ready-to-paste alternates per entry")
    report.add_argument("--limit", type=int, default=20, help="how many lines per section (default 20)")
    report.add_argument("--week", action="store_true",
                        help="the last 7 days against the 7 before, as admins get it on Telegram")
    report.add_argument("--html", type=Path, default=None, metavar="FILE",
                        help="write the weekly report as a web page with a chart, to open in a browser")
    report.set_defaults(handler=cmd_report)
    return parser


def _faq_dir(args: argparse.Namespace) -> Path:
    folder = args.faq_dir if args.faq_dir is not None else load_settings().faq_dir
    # Messages name files the way staff see them from where they are: faq/entries/risks.yaml:12
    try:
        return folder.resolve().relative_to(Path.cwd())
    except ValueError:
        return folder


def _responder(args: argparse.Namespace) -> Responder | None:
    """The pipeline for the chosen FAQ folder, or None after printing why it is invalid."""
    try:
        return Responder(load_faq(_faq_dir(args)))
    except FaqInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("The FAQ folder is invalid; fix the lines above (`python -m bot check`).", file=sys.stderr)
        return None


def cmd_ask(args: argparse.Namespace) -> int:
    responder = _responder(args)
    if responder is None:
        return 1
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        reply = responder.respond(question)
        if args.json:
            print(json.dumps(reply.to_json(), ensure_ascii=False), flush=True)
        else:
            print(reply.text, end="\n\n", flush=True)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    responder = _responder(args)
    if responder is None:
        return 1
    return chat(responder)


def cmd_check(args: argparse.Namespace) -> int:
    from bot.staff.checking import check_folder

    folder = _faq_dir(args)
    result = check_folder(folder, strict=args.strict, today=args.today)
    for line in result.lines:
        print(line)
    print(result.summary)
    if args.impact and result.faq is not None:
        print()
        print(_impact(folder, result.faq, args.against))
    return result.code


def _impact(folder: Path, faq, against: Path | None) -> str:
    from bot.staff.impact import NoBaseline, compare, eval_questions, last_commit_of, recorded_questions

    settings = load_settings()
    questions = [*recorded_questions(settings.db_path, settings.retention_days), *eval_questions()]
    served = settings.faq_dir  # the folder the running bot reads (FAQ_DIR)
    try:
        if against is not None:
            return compare(load_faq(against), faq, questions, against=str(against)).render()
        with last_commit_of(folder) as before:
            return compare(load_faq(before), faq, questions, against="the last commit").render()
    except NoBaseline as exc:
        if served.resolve() == folder.resolve() or not served.is_dir():
            return f"Impact not shown: {exc}"
        # a copy being edited outside git: compare it with what the bot serves
        try:
            return compare(load_faq(served), faq, questions, against=f"the running bot's folder {served}").render()
        except FaqInvalid as invalid:
            return f"Impact not shown: the running bot's folder is not valid ({invalid.problems[0]})"
    except FaqInvalid as exc:
        return f"Impact not shown: the FAQ to compare with is not valid ({exc.problems[0]})"


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-25, got {text!r}") from None


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.staff.evaluation import evaluate, load_labelled

    responder = _responder(args)
    if responder is None:
        return 1
    try:
        cases = load_labelled(args.file, {e.id for e in responder.faq.entries})
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(evaluate(responder, cases).render())
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.telegram.app import run_bot

    settings = load_settings()
    settings.require_token()
    if args.faq_dir is not None:
        settings = _with_faq_dir(settings, args.faq_dir)
    return run_bot(settings)


def cmd_start(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.token:
        return cmd_run(args)
    print("No TELEGRAM_BOT_TOKEN in .env, so this is the terminal chat (see .env.example to go on Telegram).")
    return cmd_chat(args)


def cmd_report(args: argparse.Namespace) -> int:
    from bot.staff.report import print_report

    settings = load_settings()
    if args.faq_dir is not None:
        settings = _with_faq_dir(settings, args.faq_dir)
    if args.week or args.html is not None:
        from bot.staff.weekly import print_weekly

        return print_weekly(settings, html_file=args.html)
    return print_report(settings, alternates=args.alternates, limit=args.limit)


def _with_faq_dir(settings, faq_dir: Path):
    from dataclasses import replace

    return replace(settings, faq_dir=faq_dir)
