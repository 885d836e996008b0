"""The one status endpoint of every background job (polled by core/static/core/job-progress.js)."""

from django.http import Http404, JsonResponse

from core.jobs import job_model


def job_status(request, kind: str, pk: int):
    """JSON of a job the user may follow: status, progress, message and result URL; else a 404."""
    model = job_model(kind)
    if model is None:
        raise Http404
    job = model.visible_to(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    done = job.live_progress()
    return JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "progress": job.percent,
            "done": done,
            "total": job.progress_total,
            "message": job.message,
            "finished": job.is_finished,
            "result_url": job.result_url() if job.status == "done" else "",
        }
    )
