"""The one Jinja2 environment of her templates (letters, call, reminders): sandboxed, budgeted.

Jinja2's sandbox already forbids reaching Python's internals; it does not
bound the work. A template of hers (or one copied from elsewhere) that loops
or writes without end (``{% for i in range(100000) %}{% for j in
range(100000) %}…``, ``{{ "x" * 10**9 }}``, a macro calling itself) would
hold the command for hours or fill the memory. Here every step counts:

- each iteration of a ``{% for %}`` loop (whatever it loops over) and of
  ``range``, each call, each attribute or item looked up is a step; past
  :data:`MAX_STEPS` the rendering stops;
- the text written is counted as it is produced (:func:`render_bounded`); past
  :data:`MAX_OUTPUT` characters it stops;
- ``*``, ``**`` and ``+`` refuse a result larger than the output budget
  before computing it, and a macro that recurses without end is stopped;
- a template reads no other file: ``{% include %}``, ``{% extends %}`` and
  ``{% import %}`` are refused when it is read (:class:`FileRefused`), so
  that neither her ``textes.toml`` nor a link planted in her folder can be
  pulled into a letter.

All are bounded by counters, never by a clock: the same template stops at the
same point on any machine. :class:`TemplateBudget` says which limit, in French.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from inet_stages.text.frdates import format_number

#: Steps of one rendering (a letter takes a few thousand).
MAX_STEPS = 1_000_000
#: Characters of one rendering (a letter is a few thousand).
MAX_OUTPUT = 1_000_000
#: Depth of macros calling macros.
MAX_DEPTH = 50


_TOO_LONG = f"texte démesuré (plus de {format_number(MAX_OUTPUT)} caractères)"

#: The tags that would read another file into a template.
_READING = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)


class FileRefused(TemplateSyntaxError):
    """A template that reads another file (include, extends, import): refused, at its line."""


class TemplateBudget(Exception):
    """A template went past a limit; ``message`` is French, ready to follow its name."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Counter:
    """The steps of the rendering under way."""

    def __init__(self) -> None:
        self.steps = 0
        self.depth = 0

    def tick(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateBudget(
                f"trop d'étapes (plus de {format_number(MAX_STEPS)} : boucle sans fin ?)"
            )


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class BudgetedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox, with a budget of steps and of output per rendering."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.counter = _Counter()
        self.globals["range"] = self._range

    def start(self) -> None:
        """A new rendering: its own budget."""
        self.counter = _Counter()

    def _range(self, *args: int) -> Iterator[int]:
        counter = self.counter
        for value in range(*args):
            counter.tick()
            yield value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call is a step; a macro calling macros past :data:`MAX_DEPTH` stops."""
        counter = __self.counter
        counter.tick()
        counter.depth += 1
        try:
            if counter.depth > MAX_DEPTH:
                raise TemplateBudget(f"appels imbriqués trop profonds (plus de {MAX_DEPTH})")
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            counter.depth -= 1

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Each attribute looked up is a step."""
        self.counter.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Each item looked up is a step."""
        self.counter.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**`` and ``+``, refused when the result would exceed the output budget."""
        self.counter.tick()
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
            if abs(float(right)) * max(abs(int(left)).bit_length(), 1) > MAX_OUTPUT * 4:
                raise TemplateBudget("nombre démesuré (puissance trop grande)")
        elif operator == "*":
            for one, other in ((left, right), (right, left)):
                size = _size(one)
                if size is not None and isinstance(other, int) and size * other > MAX_OUTPUT:
                    raise TemplateBudget(_TOO_LONG)
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_OUTPUT * 4
            ):
                raise TemplateBudget("nombre démesuré")
        elif operator == "+":
            first, second = _size(left), _size(right)
            if first is not None and second is not None and first + second > MAX_OUTPUT:
                raise TemplateBudget(_TOO_LONG)
        return super().call_binop(context, operator, left, right)

    def counted_iter(self, iterable: Any) -> Iterator[Any]:
        """``iterable`` with each of its items a step: every ``{% for %}`` goes through it."""
        counter = self.counter
        for item in iterable:
            counter.tick()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, each loop's iterable wrapped in :meth:`counted_iter`.

        Through an attribute of the environment, which no template can rebind.
        """
        tree = super()._parse(source, name, filename)
        for reading in tree.find_all(_READING):
            raise FileRefused(
                "un modèle ne lit pas d'autre fichier ({% include %}, {% extends %}, "
                "{% import %}) : écrivez le texte dans le modèle lui-même",
                reading.lineno,
                name,
                filename,
            )
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted_iter"),
                [loop.iter],
                [],
                None,
                None,
                lineno=loop.iter.lineno,
            )
        return tree


def environment(folders: list[str]) -> BudgetedEnvironment:
    """The environment of her templates, read from ``folders`` (hers first, then ours)."""
    return BudgetedEnvironment(
        loader=FileSystemLoader(folders),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


#: The template files the tool renders (the letter, the call, the reminder), the only names
#: ever loaded as files; her rule texts are rendered as texts (``text=True``).
TEMPLATE_FILES = frozenset({"lettre.j2", "appel.j2", "relance.j2"})


def render_bounded(
    env: SandboxedEnvironment, name: str, context: Mapping[str, Any], *, text: bool = False
) -> str:
    """Render the template file ``name`` (one of :data:`TEMPLATE_FILES`), or with ``text`` the
    text ``name`` (a rule's sentence of hers: never a file, whatever it reads), within the
    budget.

    Raises :class:`TemplateBudget` past a limit, and whatever Jinja2 raises for
    a template that is wrong (the caller words it, naming the template).
    """
    if not text and name not in TEMPLATE_FILES:  # pragma: no cover - a bug of ours
        raise ValueError(f"not a template of the tool: {name!r}")
    template = env.from_string(name) if text else env.get_template(name)
    if not isinstance(env, BudgetedEnvironment):  # pragma: no cover - always ours
        return template.render(context)
    env.start()
    pieces: list[str] = []
    written = 0
    try:
        for piece in template.generate(context):
            written += len(piece)
            if written > MAX_OUTPUT:
                raise TemplateBudget(_TOO_LONG)
            pieces.append(piece)
    except RecursionError:
        raise TemplateBudget("appels imbriqués trop profonds") from None
    return "".join(pieces)
