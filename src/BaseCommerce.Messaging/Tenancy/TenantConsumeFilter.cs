using System.Reflection;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// Opens the tenant scope of a consumed message from its tenant header, before anything touches the database, so
/// the consumer's DbContext, its inbox transaction and PostgreSQL's row-level security all act for that tenant.
/// A message without a known tenant is refused (<see cref="MessageTenantException"/> → <c>_error</c>), never
/// processed as "no tenant"; so is one whose payload names another tenant than its header. A <see cref="Batch{T}"/> runs as
/// the tenant of its first message's header (MassTransit gives the batch that message's headers), so every message in it
/// must belong to that tenant, header and payload, or the whole batch is refused: one store's rows are never read or
/// written as another's (<c>AddBatchConsumerOn</c> groups batches by store, so this holds by construction there).
/// </summary>
public sealed class TenantConsumeFilter<T>(TenantContext tenant, TenantDirectory directory, ILogger<TenantConsumeFilter<T>> logger)
    : IFilter<ConsumeContext<T>> where T : class
{
    static readonly bool IsPlatformMessage = typeof(T).GetCustomAttribute<PlatformMessageAttribute>() is not null;

    static readonly bool IsBatch = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>);

    // The contracts carry TenantId in every event's payload; when a message has one, it must agree with the header.
    static readonly PropertyInfo? PayloadTenant = TenantIdOf(typeof(T));

    static readonly PropertyInfo? BatchElementTenant = IsBatch ? TenantIdOf(typeof(T).GetGenericArguments()[0]) : null;

    // ConsumeContext<TMessage>.Message of a batch's elements, read through the interface (implementations vary).
    static readonly PropertyInfo? BatchElementMessage = IsBatch
        ? typeof(ConsumeContext<>).MakeGenericType(typeof(T).GetGenericArguments()[0]).GetProperty("Message")
        : null;

    static PropertyInfo? TenantIdOf(Type type) =>
        type.GetProperty("TenantId") is { PropertyType: var property } tenantId && (property == typeof(Guid) || property == typeof(Guid?))
            ? tenantId
            : null;

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

        if (IsBatch)
            CheckBatch(context, tenantId);

        tenant.Use(found);
        using (logger.BeginScope("Tenant:{TenantSlug} {TenantId}", found.Slug, found.Id))
            await next.Send(context);
    }

    static void CheckBatch(ConsumeContext<T> context, Guid tenantId)
    {
        foreach (ConsumeContext element in (System.Collections.IEnumerable)context.Message)
        {
            var header = element.Headers.Get<string>(TenantHeaders.TenantId);
            var payload = BatchElementTenant is null ? null
                : BatchElementTenant.GetValue(BatchElementMessage!.GetValue(element)) as Guid?;
            if (!Guid.TryParse(header, out var id) || id != tenantId || (payload is { } p && p != tenantId))
                throw new MessageTenantException(
                    $"{TypeCache<T>.ShortName} mixes stores: message {element.MessageId} is for {payload?.ToString() ?? header ?? "no tenant"}, the batch runs as {tenantId}.");
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenantScope");
}
