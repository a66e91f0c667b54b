"""Regenerates the translation catalogue and the English plural forms.

    python scripts/translations.py

1. `resources/translations/entitlement_console.ts`, the catalogue translators work on, from every
   module of `ui/`: `pyside6-lupdate` finds `self.tr(...)` and `QCoreApplication.translate(...)`;
   the module-level helpers that wrap `translate` with a fixed context (`_t`, `_n` of
   `ui/wording.py` and the like) are found here, since lupdate cannot know their context.
   Translations already in the catalogue are kept.
2. `resources/translations/entitlement_console_en.ts` and its compiled `.qm`: the English forms of
   every counted message (`%n ...(s)`), so that "%n day(s)" reads "1 day" and "2 days", and "%n
   license(s) need attention" reads "1 license needs attention" (`SINGULAR_VERBS`).

Needs only the standard library and the pyside6-lupdate and pyside6-lrelease tools installed with
PySide6 (beside this Python).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
CATALOGUE = FOLDER / "entitlement_console.ts"
ENGLISH = FOLDER / "entitlement_console_en.ts"
ENGLISH_QM = FOLDER / "entitlement_console_en.qm"

SINGULAR_VERBS = {
    # After one counted thing, the verb that refers to it agrees with one: each is changed once,
    # at its first use after the counted word.
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "need": "needs",
    "belong": "belongs",
    "expire": "expires",
    "remain": "remains",
    "verify": "verifies",
}
SINGULAR_PRONOUNS = {
    # ...and so does every pronoun after it.
    "they": "it",
    "them": "it",
    "their": "its",
}
EXCEPTIONS: dict[str, tuple[str, str]] = {
    # source: (one, several), for a sentence the rule above would get wrong.
}


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    numerus: bool
    path: Path
    line: int


def tool(name: str) -> str:
    """A PySide6 tool installed beside this Python (a virtual environment's bin/ or Scripts/)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def ui_modules() -> list[Path]:
    return sorted(p for p in (ROOT / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def _string(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def helper_messages(path: Path) -> list[Message]:
    """The calls of a module's translation helpers: `def _t(text): return
    QCoreApplication.translate(CONTEXT, text)` (numerus when it passes a count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    helpers: dict[str, tuple[str, bool]] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and inner.func.attr == "translate"
                and len(inner.args) >= 2
                and isinstance(inner.args[1], ast.Name)
                and inner.args[1].id == node.args.args[0].arg
            ):
                context = _string(inner.args[0], constants)
                if context is not None:
                    helpers[node.name] = (context, len(inner.args) >= 4)
    messages = []
    for call in ast.walk(tree):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in helpers
            and call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
        ):
            context, numerus = helpers[call.func.id]
            messages.append(Message(context, call.args[0].value, numerus, path, call.lineno))
    return messages


def run_lupdate(modules: list[Path]) -> None:
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", *map(str, modules), "-ts", str(CATALOGUE)],
        check=True,
        cwd=ROOT,
    )


def _translations(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None:
                found[(name, message.findtext("source") or "")] = translation
    return found


def add_helper_messages(
    messages: list[Message], previous: dict[tuple[str, str], ET.Element]
) -> None:
    """Adds the helpers' messages to the catalogue lupdate wrote, keeping their translations."""
    tree = ET.parse(CATALOGUE)
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    for message in messages:
        context = contexts.get(message.context)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = message.context
            contexts[message.context] = context
        if any(m.findtext("source") == message.source for m in context.iter("message")):
            continue
        element = ET.SubElement(context, "message")
        if message.numerus:
            element.set("numerus", "yes")
        location = ET.SubElement(element, "location")
        location.set("filename", Path("../..", message.path.relative_to(ROOT)).as_posix())
        location.set("line", str(message.line))
        ET.SubElement(element, "source").text = message.source
        kept = previous.get((message.context, message.source))
        if kept is not None:
            element.append(kept)
        else:
            translation = ET.SubElement(element, "translation", type="unfinished")
            if message.numerus:
                ET.SubElement(translation, "numerusform")
    _write(tree, CATALOGUE)


def english_forms(source: str) -> tuple[str, str]:
    """(one, several) of a counted message: "%n day(s) left" -> ("%n day left", "%n days
    left"); the verbs and pronouns after the counted word agree with one."""
    if source in EXCEPTIONS:
        return EXCEPTIONS[source]
    several = source.replace("(s)", "s")
    counted = source.find("(s)")
    if counted < 0:
        return source, several
    head, tail = source[:counted], source[counted + 3 :].replace("(s)", "")
    for word, one in SINGULAR_VERBS.items():
        tail = re.sub(rf"\b{word}\b", one, tail, count=1)
    for word, one in SINGULAR_PRONOUNS.items():
        tail = re.sub(rf"\b{word}\b", one, tail)
    return head + tail, several


def write_english() -> int:
    """The English catalogue of every counted message, compiled; how many it holds."""
    catalogue = ET.parse(CATALOGUE).getroot()
    root = ET.Element("TS", version="2.1", language="en")
    count = 0
    for source_context in catalogue.iter("context"):
        counted = [m for m in source_context.iter("message") if m.get("numerus") == "yes"]
        if not counted:
            continue
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = source_context.findtext("name") or ""
        for source_message in counted:
            source = source_message.findtext("source") or ""
            message = ET.SubElement(context, "message", numerus="yes")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            for form in english_forms(source):
                ET.SubElement(translation, "numerusform").text = form
            count += 1
    _write(ET.ElementTree(root), ENGLISH)
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ENGLISH), "-qm", str(ENGLISH_QM)], check=True
    )
    return count


def _write(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def main() -> int:
    modules = ui_modules()
    previous = _translations(ET.parse(CATALOGUE).getroot()) if CATALOGUE.exists() else {}
    helpers = [m for path in modules for m in helper_messages(path)]
    run_lupdate(modules)
    add_helper_messages(helpers, previous)
    count = write_english()
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(modules)} modules, {len(helpers)} helper calls")
    print(f"{ENGLISH_QM.relative_to(ROOT)}: English forms of {count} counted messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
