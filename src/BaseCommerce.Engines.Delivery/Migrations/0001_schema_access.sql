-- The delivery schema belongs to this service; the service role may use what the owner creates in it.
SELECT platform.grant_service_access('delivery');
