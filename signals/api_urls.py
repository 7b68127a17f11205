from rest_framework.routers import SimpleRouter

from .api.dossiers import DossierViewSet
from .api.routing import ConsultationViewSet, RoutingRuleViewSet, TeamViewSet
from .api.signals import SignalViewSet
from .api.subscriptions import SubscriptionViewSet

router = SimpleRouter()
router.register("signals", SignalViewSet, basename="api-signal")
router.register("dossiers", DossierViewSet, basename="api-dossier")
router.register("teams", TeamViewSet, basename="api-team")
router.register("routing-rules", RoutingRuleViewSet, basename="api-routing-rule")
router.register("consultations", ConsultationViewSet, basename="api-consultation")
router.register("subscriptions", SubscriptionViewSet, basename="api-subscription")

urlpatterns = router.urls
