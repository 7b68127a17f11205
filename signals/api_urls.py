from rest_framework.routers import SimpleRouter

from .api.dossiers import DossierViewSet
from .api.signals import SignalViewSet

router = SimpleRouter()
router.register("signals", SignalViewSet, basename="api-signal")
router.register("dossiers", DossierViewSet, basename="api-dossier")

urlpatterns = router.urls
