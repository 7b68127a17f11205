"""JSON API for signals and dossiers, split by concern: serializers, filters, schema pieces,
shared mixins and one module per resource."""
