namespace BaseCommerce.Contracts.Delivery;

/// <summary>
/// Published by the Delivery engine when a stop of a planned route moves (arrived, delivered, an occurrence). Status keeps
/// the Portuguese wire values "planejada", "em_andamento" and "concluida".
/// </summary>
public sealed record DeliveryRouteProgressed(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid RouteId,
    DateOnly Day,
    string Status,
    int DeliveredStops,
    int StopCount,
    int Occurrences);
