"""The site header's menu (a <details>): its links and buttons are hidden until it is opened."""


def open_menu(page) -> None:
    """Open the header menu of the current page (no-op if it is already open)."""
    menu = page.locator("details.site-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
