using BaseCommerce.Tenancy;
using MassTransit;

namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// Stamps the tenant of the current scope on every message sent. A header already present is kept: the outbox's
/// delivery service re-sends stored messages from a platform scope, and their tenant is the one they were written with.
/// </summary>
public sealed class TenantSendFilter<T>(TenantContext tenant) : IFilter<SendContext<T>> where T : class
{
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        TenantStamp.Apply(context, tenant);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantStamp");
}

/// <summary>The same stamp on published messages.</summary>
public sealed class TenantPublishFilter<T>(TenantContext tenant) : IFilter<PublishContext<T>> where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        TenantStamp.Apply(context, tenant);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantStamp");
}

static class TenantStamp
{
    public static void Apply(SendContext context, TenantContext tenant)
    {
        if (tenant.Tenant is not { } current || context.Headers.TryGetHeader(TenantHeaders.TenantId, out _))
            return;
        context.Headers.Set(TenantHeaders.TenantId, current.Id.ToString("D"));
        context.Headers.Set(TenantHeaders.TenantSlug, current.Slug);
    }
}
