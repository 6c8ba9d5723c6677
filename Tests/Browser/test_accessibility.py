"""Accessibility of the web pages: axe-core (bundled with axe-playwright-python, injected into the
page) finds no serious or critical violation on login, sites list, dashboard, shared link and the
shared-link password page, in light and dark; the keyboard reaches the date picker, tabs and rows."""

import pytest

from dashboard_support import SITE, dash, login, open_dashboard, run_axe, wait_loaded  # noqa: F401

PAGES = ["login", "sites", "dashboard", "dashboard-filtered", "shared", "share-password"]


def open_page(new_page, dash, name, scheme):
    page = new_page(viewport=(1280, 900), color_scheme=scheme)
    if name in ("login",):
        page.goto(dash.base_url + "/login")
        return page
    if name == "share-password":
        page.goto(dash.base_url + dash.locked_share_path)
        return page
    if name == "shared":
        page.goto(dash.base_url + dash.share_path)
        wait_loaded(page)
        return page
    login(page, dash)
    if name == "sites":
        wait_loaded(page)
        return page
    query = "?period=day&comparison=previous_period" + ("&f=is,page,/blog" if name == "dashboard-filtered" else "")
    open_dashboard(page, dash, query)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(new_page, dash, name, scheme):
    page = open_page(new_page, dash, name, scheme)
    if name.startswith("dashboard"):
        # Open the menus and the graph table too, so their contents are checked.
        page.click("#period-menu summary")
        page.evaluate("document.getElementById('graph-table').open = true")
    violations = run_axe(page)
    summary = ", ".join(f"{v['id']} ({v['impact']})" for v in violations) or "none"
    print(f"axe {name} {scheme}: {summary}")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in serious)


def focused(page):
    return page.evaluate("""() => {
        const e = document.activeElement;
        return {tag: e.tagName, id: e.id, role: e.getAttribute('role'), text: (e.textContent || '').trim().slice(0, 40),
                inRow: !!e.closest('tr[data-label]'), inPeriod: !!e.closest('#period-menu'),
                outline: getComputedStyle(e).outlineStyle};
    }""")


def test_keyboard_reaches_date_picker_tabs_and_rows(new_page, dash):
    page = new_page(viewport=(1280, 900))
    login(page, dash)
    open_dashboard(page, dash, "?period=day")
    page.locator("body").click(position={"x": 5, "y": 300})
    seen = {"period": False, "tab": False, "row": False}
    visible_focus = True
    for _ in range(120):
        page.keyboard.press("Tab")
        f = focused(page)
        if f["inPeriod"] and f["tag"] == "SUMMARY":
            seen["period"] = True
            visible_focus = visible_focus and f["outline"] != "none"
        if f["role"] == "tab":
            seen["tab"] = True
        if f["inRow"]:
            seen["row"] = True
            visible_focus = visible_focus and f["outline"] != "none"
        if all(seen.values()):
            break
    assert seen == {"period": True, "tab": True, "row": True}
    assert visible_focus, "focused controls must show an outline"
    # The date picker works from the keyboard: open it, pick "Last 7 days".
    page.focus("#period-menu summary")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Last 7 days").focus()
    page.keyboard.press("Enter")
    wait_loaded(page)
    assert "period=7d" in page.url
    # Tabs switch with the arrow keys.
    page.focus("#tabbtn-channels")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#tabbtn-sources", "aria-selected") == "true"
    assert page.locator("#tab-sources").is_visible()
