def only_this_api(endpoints):
    """drf-spectacular preprocessing hook: describe /api/v1/ only, not Wagtail's internal admin API.

    The schema view limits itself with `patterns`; this keeps `check --deploy` (which builds the
    schema from every URL) to the same set.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
