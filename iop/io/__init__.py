"""Reading what users and files give us: bounded reads, safe YAML, validated models, Swedish errors."""


from iop.io.errors import (
    InputError,
    IopError,
    Problem,
    RulebookError,
    TemplateError,
    problems_from_validation,
)
from iop.io.safe_yaml import (
    load_yaml,
)
from iop.io.yaml_models import (
    load_model,
)

__all__ = [
    "InputError",
    "IopError",
    "load_model",
    "load_yaml",
    "Problem",
    "problems_from_validation",
    "RulebookError",
    "TemplateError",
]
