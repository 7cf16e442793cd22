"""The landing and Bronze contract (``shared/design.md`` sections 3 and 4) as data.

Ingestion, the dbt sources and the tests all read this one definition, so a new entity or field is
added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

BRONZE_SCHEMA = "bronze"
METADATA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_rescued_data", "STRING"),
    ("_source_file", "STRING"),
    ("_ingested_at", "TIMESTAMP"),
    ("_batch_id", "BIGINT"),
)


@dataclass(frozen=True)
class Entity:
    """One landing entity: where its files arrive, their format, business key and fields."""

    system: str
    name: str
    file_format: str  # "csv" or "json" (JSON Lines)
    business_key: tuple[str, ...]
    fields: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.system}/{self.name}"

    @property
    def bronze_table(self) -> str:
        return f"{self.system}__{self.name}"

    @property
    def qualified_bronze_table(self) -> str:
        return f"{BRONZE_SCHEMA}.{self.bronze_table}"

    @property
    def file_extension(self) -> str:
        return "csv" if self.file_format == "csv" else "jsonl"


ENTITIES: tuple[Entity, ...] = (
    Entity(
        "erp",
        "products",
        "csv",
        ("sku",),
        (
            "sku",
            "product_name",
            "brand",
            "category",
            "subcategory",
            "list_price_eur",
            "launch_date",
            "status",
            "updated_at",
        ),
    ),
    Entity("erp", "product_prices", "csv", ("sku", "market"), ("sku", "market", "price", "currency", "updated_at")),
    Entity(
        "crm",
        "customers",
        "json",
        ("customer_id",),
        (
            "customer_id",
            "email",
            "first_name",
            "last_name",
            "birth_date",
            "country",
            "city",
            "loyalty_tier",
            "marketing_opt_in",
            "updated_at",
        ),
    ),
    Entity(
        "shop",
        "orders",
        "json",
        ("order_id",),
        ("order_id", "customer_id", "order_ts", "channel", "currency", "status", "shipping_country", "updated_at"),
    ),
    Entity(
        "shop",
        "order_lines",
        "json",
        ("order_id", "line_number"),
        ("order_id", "line_number", "sku", "quantity", "unit_price", "discount_amount", "promo_code"),
    ),
    Entity(
        "shop",
        "returns",
        "json",
        ("return_id",),
        ("return_id", "order_id", "line_number", "sku", "quantity", "refund_amount", "reason", "returned_at"),
    ),
    Entity(
        "marketing",
        "promotions",
        "json",
        ("promo_code",),
        (
            "promo_code",
            "promotion_name",
            "discount_type",
            "discount_value",
            "start_date",
            "end_date",
            "channel",
            "updated_at",
        ),
    ),
    Entity("marketing", "promotion_products", "json", ("promo_code", "sku"), ("promo_code", "sku", "updated_at")),
    Entity(
        "marketing",
        "campaign_events",
        "json",
        ("event_id",),
        ("event_id", "promo_code", "customer_id", "event_type", "event_ts"),
    ),
    Entity(
        "billing",
        "plans",
        "json",
        ("plan_id",),
        ("plan_id", "plan_name", "billing_interval", "price", "currency", "updated_at"),
    ),
    Entity(
        "billing",
        "subscription_events",
        "json",
        ("event_id",),
        ("event_id", "subscription_id", "customer_id", "plan_id", "event_type", "amount", "currency", "event_ts"),
    ),
)

ENTITIES_BY_KEY: dict[str, Entity] = {entity.key: entity for entity in ENTITIES}


def entity_for(system: str, name: str) -> Entity:
    """Look an entity up by its landing folder names; unknown folders are a contract violation."""
    try:
        return ENTITIES_BY_KEY[f"{system}/{name}"]
    except KeyError:
        known = ", ".join(sorted(ENTITIES_BY_KEY))
        raise KeyError(f"'{system}/{name}' is not in the landing contract (known: {known})") from None
