"""Synthetic source systems of cosnova: ERP, CRM, shop, marketing and billing deliveries into landing/.

``generate`` simulates the company day by day and writes one file per entity and day following the landing
contract (``shared/design.md`` section 3), optionally with realistic dirty data. Module map:
``model`` wires the systems (``catalogue``, ``customers``, ``marketing``, ``orders``, ``billing``);
``faults`` injects dirty data; ``codec`` and ``writer`` turn deliveries into files; ``reference`` holds
the static vocabulary (markets, names, categories, plans).

Identifier formats (all upper case): SKU ``^(ESS-1|CAT-2)[0-9]{5}$``, customer ``^C[0-9]{8}$``, order
``^ORD-[0-9]{8}-[0-9]{6}$`` (order date + daily counter), return ``^RET-[0-9]{8}$``, promo code
``^[A-Z]{4,8}[0-9]{2,}$``, campaign event ``^CEV-[0-9]{10}$``, plan ``^[A-Z]+-(MONTHLY|YEARLY)$``,
subscription ``^SUB-[0-9]{8}$``, subscription event ``^SEV-[0-9]{10}$``.
"""

from lakehouse.generate.api import GenerationSummary, generate
from lakehouse.generate.faults import FAULT_KINDS

__all__ = ["FAULT_KINDS", "GenerationSummary", "generate"]
