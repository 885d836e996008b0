from django import template

register = template.Library()


@register.filter
def job_line(line: str, job) -> str:
    """Fill a job's progress line ({status} {done} {total} {percent}) as job-progress.js does."""
    return (
        str(line)
        .replace("{status}", str(job.get_status_display()))
        .replace("{done}", str(job.live_progress()))
        .replace("{total}", str(job.progress_total))
        .replace("{percent}", str(job.percent))
    )
