"""What users and files give us (bounded reads, safe YAML, validated models, Swedish errors); the event log."""


from iop.io.errors import (
    InputError,
    IopError,
    Problem,
    RulebookError,
    TemplateError,
    problems_from_validation,
)
from iop.io.event_log import (
    configure_event_log,
    log_event,
)
from iop.io.network import (
    network_host,
)
from iop.io.safe_yaml import (
    load_yaml,
)
from iop.io.yaml_models import (
    load_model,
)

__all__ = [
    "configure_event_log",
    "InputError",
    "IopError",
    "load_model",
    "load_yaml",
    "log_event",
    "network_host",
    "Problem",
    "problems_from_validation",
    "RulebookError",
    "TemplateError",
]
