from django.dispatch import Signal

# Sent once, after the transaction that completed an enrolment commits: kwargs `enrolment_id`.
# certificates listens to it, so learning never imports certificates.
enrolment_completed = Signal()
