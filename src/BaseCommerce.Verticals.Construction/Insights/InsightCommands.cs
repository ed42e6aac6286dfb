using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>What staff do with the engines' advice. The engines hear of it through events, never through a call.</summary>
public sealed class InsightCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    /// <summary>Acknowledges an open alert (again: no change); a resolved one is a 409.</summary>
    public async Task<StockAlertView> AcknowledgeAlertAsync(Guid alertId, CancellationToken ct)
    {
        var alert = await db.StockAlerts.SingleOrDefaultAsync(a => a.Id == alertId, ct) ?? throw ProblemException.NotFound("Alerta de estoque");
        if (alert.Status == "resolvido")
            throw ProblemException.Conflict($"O alerta de {alert.ProductName} já foi resolvido: o estoque voltou ao ponto de pedido.");
        if (alert.Status == "reconhecido")
            return alert;
        var now = clock.GetUtcNow();
        alert.Status = "reconhecido";
        alert.AcknowledgedAt = now;
        alert.AcknowledgedBy = actor.UserId;
        await publish.Publish(new StockAlertAcknowledged(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, alert.Id, alert.ProductId,
            actor.UserId), ct);
        await db.SaveChangesAsync(ct);
        return alert;
    }
}
