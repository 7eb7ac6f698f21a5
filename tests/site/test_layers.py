"""The apps build on each other one way only: dlhs ← people ← news ← events ← subscriptions ←
pages ← demo.

A module may use its own layer and those to its left, never one to its right. Every Python
module of the apps is read (with ``ast``, nothing is imported) for what it points at:

- imports (``import news.models``, ``from pages.blocks import …``, relative imports);
- ``get_model("news", "NewsPage")`` and ``get_model("news.NewsPage")`` look-ups;
- strings that name a model or a class: ``"news.NewsPage"`` in a ForeignKey, ParentalKey,
  ``parent_page_types``/``subpage_types`` or a list, ``"pages.blocks.X"`` in a migration;
- a migration's ``dependencies`` on another app's migration.

The rules where a layer must name what sits above it:

- **Settings are configuration, exempt**: ``dlhs/settings/`` is where the project is put
  together, so it names every app (INSTALLED_APPS, SEARCH_RESULT_KINDS,
  PAGE_CACHE_INVALIDATING_MODELS). Code reads those lists; it never names the apps itself.
- **Migrations count too**, except where history forces them: a migration already applied
  on deployed databases cannot move to another app or lose a dependency. Those few are listed
  in ``HISTORY`` with the reason, and no new one may be added.
- Permission codenames (``"news.add_newscategory"`` in the editorial groups) are not model
  references and are not read.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["dlhs", "people", "news", "events", "subscriptions", "pages", "demo"]
APPS = [layer for layer in LAYERS if layer != "demo"]
# The demo content sits in the pages package but above it: nothing may build on it.
DEMO_MODULES = ("pages.demo", "pages.management.commands")
EXEMPT = ("dlhs.settings",)
HISTORY = {
    # Makes the editorial groups (with news and people permissions) and gives News editors
    # the news section; applied on every deployed database since the first release.
    "dlhs.migrations.0002_editorial_groups": {"news", "people"},
}
APP_LABEL = "|".join(APPS)
# "news.NewsPage", "pages.blocks.RichTextBlock": a label, maybe modules, then a class.
NAMED_CLASS = re.compile(rf"^({APP_LABEL})(\.[a-z_][a-z0-9_]*)*\.[A-Z]\w*$")
MIGRATION_NAME = re.compile(r"^\d{4}_\w+$")


def layer_of(module):
    if module.startswith(DEMO_MODULES):
        return "demo"
    top = module.split(".")[0]
    return top if top in LAYERS else None


def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def pointed_at(module, source):
    """(line, what) for every app module or model the source points at."""
    package = module if module.endswith("__init__") else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, target] if target else base)
            found.append((node.lineno, target))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model"
        ):
            strings = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            if strings and isinstance(strings[0], str):
                found.append((node.lineno, strings[0].split(".")[0]))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if NAMED_CLASS.match(node.value):
                found.append((node.lineno, node.value))
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            label, name = node.elts
            if (
                isinstance(label, ast.Constant)
                and isinstance(name, ast.Constant)
                and label.value in APPS
                and isinstance(name.value, str)
                and MIGRATION_NAME.match(name.value)
            ):
                found.append((node.lineno, f"{label.value}.migrations.{name.value}"))
    return found


def upward_references(module, source):
    """ "module:line → target" for every reference from ``module`` to a layer above it."""
    own = layer_of(module)
    allowed = HISTORY.get(module, set())
    problems = []
    for line, target in pointed_at(module, source):
        layer = layer_of(target)
        if layer is None or layer in allowed:
            continue
        if LAYERS.index(layer) > LAYERS.index(own):
            problems.append(f"{module}:{line} ({own}) → {target} ({layer})")
    return problems


def app_modules(root=ROOT):
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")) if (root / app).is_dir() else []:
            module = module_name(path, root)
            if not module.startswith(EXEMPT):
                yield module, path


def test_no_module_points_up_a_layer():
    modules = list(app_modules())
    problems = [
        problem
        for module, path in modules
        for problem in upward_references(module, path.read_text(encoding="utf-8"))
    ]

    assert len(modules) > 50  # the walk really reads the apps
    assert not problems, "\n".join(problems)


def test_the_history_exemptions_are_still_needed():
    """An exemption that no longer matches anything must go, so the list cannot only grow."""
    for module, layers in HISTORY.items():
        path = ROOT / (module.replace(".", "/") + ".py")
        targets = {layer_of(target) for _, target in pointed_at(module, path.read_text())}
        assert layers <= targets, module


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("people.models.person", "from pages.models import HomePage\n"),
        ("people.models.person", "import news.models\n"),
        ("news.models", "from ..pages import blocks\n"),
        ("dlhs.search", "from people.models import PersonPage\n"),
        ("people.models.person", "NewsPage = apps.get_model('news', 'NewsPage')\n"),
        ("dlhs.cache", "model = apps.get_model('pages.HomePage')\n"),
        ("people.models.alumni_form", "parent_page_types = ['pages.AlumniPage']\n"),
        ("news.models", "person = ParentalKey('events.EventPage', on_delete=None)\n"),
        ("news.migrations.0001_initial", "block = ('paragraph', 'pages.blocks.RichTextBlock')\n"),
        ("people.migrations.0003_x", "dependencies = [('news', '0001_initial')]\n"),
        ("pages.models.home", "from pages.demo.builder import DemoBuilder\n"),
    ],
)
def test_a_planted_upward_reference_is_caught(module, source):
    assert upward_references(module, source), source


def test_a_planted_file_is_found_by_the_walk(tmp_path):
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "planted.py").write_text("from news.models import NewsPage\n")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "fine.py").write_text("from people.models import PersonPage\n")

    problems = [
        problem
        for module, path in app_modules(tmp_path)
        for problem in upward_references(module, path.read_text())
    ]

    assert problems == ["people.planted:1 (people) → news.models (news)"]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("news.models", "from people.models import PersonPage\n"),
        ("pages.models.alumni", "from news.models import NewsPage\nfrom dlhs.links import x\n"),
        ("pages.demo.builder", "from pages.models import HomePage\n"),
        ("people.models.person", "perm = 'news.add_newscategory'\nname = 'news/story.html'\n"),
        ("people.migrations.0001_initial", "dependencies = [('dlhs', '0001_initial')]\n"),
    ],
)
def test_references_down_or_sideways_are_allowed(module, source):
    assert upward_references(module, source) == []
