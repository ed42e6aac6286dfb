using System.Reflection;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// Opens the tenant scope of a consumed message from its tenant header, before anything touches the database, so
/// the consumer's DbContext, its inbox transaction and PostgreSQL's row-level security all act for that tenant.
/// A message without a known tenant is refused (<see cref="MessageTenantException"/> → <c>_error</c>), never
/// processed as "no tenant"; so is one whose payload names another tenant than its header.
/// </summary>
public sealed class TenantConsumeFilter<T>(TenantContext tenant, TenantDirectory directory, ILogger<TenantConsumeFilter<T>> logger)
    : IFilter<ConsumeContext<T>> where T : class
{
    static readonly bool IsPlatformMessage = typeof(T).GetCustomAttribute<PlatformMessageAttribute>() is not null;

    // The contracts carry TenantId in every event's payload; when a message has one, it must agree with the header.
    static readonly PropertyInfo? PayloadTenant = typeof(T).GetProperty("TenantId") is { PropertyType: var type } property
        && (type == typeof(Guid) || type == typeof(Guid?)) ? property : null;

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (IsPlatformMessage && !context.Headers.TryGetHeader(TenantHeaders.TenantId, out _))
        {
            tenant.UsePlatform();
            await next.Send(context);
            return;
        }

        var header = context.Headers.Get<string>(TenantHeaders.TenantId);
        if (!Guid.TryParse(header, out var tenantId))
            throw new MessageTenantException($"{TypeCache<T>.ShortName} {context.MessageId} carries no tenant header ({TenantHeaders.TenantId}).");
        var found = await directory.FindByIdAsync(tenantId, context.CancellationToken)
            ?? throw new MessageTenantException($"{TypeCache<T>.ShortName} {context.MessageId} names an unknown tenant {tenantId}.");
        if (PayloadTenant?.GetValue(context.Message) is Guid payloadTenant && payloadTenant != tenantId)
            throw new MessageTenantException(
                $"{TypeCache<T>.ShortName} {context.MessageId} is for tenant {payloadTenant} but its header says {tenantId}.");

        tenant.Use(found);
        using (logger.BeginScope("Tenant:{TenantSlug} {TenantId}", found.Slug, found.Id))
            await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantScope");
}
