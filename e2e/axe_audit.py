"""axe-core audits for the browser tests (axe from static/vendor, filled from npm at set-up)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "static" / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> list[dict]:
    """Inject axe-core from static/vendor (npm) and return WCAG 2.x A/AA violations."""
    if not AXE.exists():
        from tests.resources import missing

        missing("static/vendor/axe.min.js is missing: scripts/setup.sh installs it from npm")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:200]}")
    return "\n".join(lines)
