using BaseCommerce.Messaging.EntityFrameworkCore;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.TestShop;

public sealed class OrderPlacedConsumer(Received received, TenantContext tenant) : IConsumer<OrderPlaced>
{
    public Task Consume(ConsumeContext<OrderPlaced> context)
    {
        received.Add(context, tenant);
        return Task.CompletedTask;
    }
}

public sealed class EffectAppliedConsumer(Received received, TenantContext tenant) : IConsumer<EffectApplied>
{
    public Task Consume(ConsumeContext<EffectApplied> context)
    {
        received.Add(context, tenant);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A consumer with a side effect in the database and an outgoing event, behind the inbox: both must happen once per
/// message, and together or not at all.
/// </summary>
public sealed class ApplyEffectConsumer(ShopDb db, Received received, TenantContext tenant) : IConsumer<ApplyEffect>
{
    /// <summary>How many attempts fail after doing their work (the work must then vanish with the rollback).</summary>
    public static int FailuresToInject;

    public async Task Consume(ConsumeContext<ApplyEffect> context)
    {
        var order = await db.Orders.SingleAsync(o => o.Id == context.Message.OrderId, context.CancellationToken);
        order.Effects++;
        await db.SaveChangesAsync(context.CancellationToken);
        await context.Publish(new EffectApplied(order.Id, order.Effects));
        if (ShopHost.CrashPointsEnabled && context.Headers.Get<string>(CrashPoint.Header) == CrashPoint.DuringHandling)
            await CrashPoint.Announce(CrashPoint.DuringHandling);
        if (ShopHost.CrashPointsEnabled && context.Headers.Get<string>(CrashPoint.Header) == CrashPoint.AtInboxCommit)
            CrashPoint.AtNextCommit = true;
        if (Interlocked.Decrement(ref FailuresToInject) >= 0)
            throw new InvalidOperationException("falha simulada depois do trabalho feito");
        received.Add(context, tenant);
    }
}

public sealed class ApplyEffectConsumerDefinition : ConsumerDefinition<ApplyEffectConsumer>
{
    public ApplyEffectConsumerDefinition() => EndpointName = "efeitos";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ApplyEffectConsumer> consumer,
        IRegistrationContext context) => endpoint.UseEntityFrameworkOutbox<ShopDb>(context);
}

/// <summary>
/// The batch form of <see cref="ApplyEffectConsumer"/>, behind the inbox: each message's effect and event happen once,
/// a batch's together or not at all.
/// </summary>
public sealed class ApplyEffectsConsumer(ShopDb db, Received received, TenantContext tenant) : IConsumer<Batch<ApplyEffect>>
{
    /// <summary>How many batches fail after doing their work (the work must then vanish with the rollback).</summary>
    public static int FailuresToInject;

    public async Task Consume(ConsumeContext<Batch<ApplyEffect>> context)
    {
        var ids = context.Message.Select(m => m.Message.OrderId).ToList();
        var orders = await db.Orders.Where(o => ids.Contains(o.Id)).ToListAsync(context.CancellationToken);
        foreach (var message in context.Message)
            orders.Single(o => o.Id == message.Message.OrderId).Effects++;
        await db.SaveChangesAsync(context.CancellationToken);
        foreach (var order in orders)
            await context.Publish(new EffectApplied(order.Id, order.Effects));
        if (Interlocked.Decrement(ref FailuresToInject) >= 0)
            throw new InvalidOperationException("falha simulada depois do trabalho feito");
        foreach (var message in context.Message)
            received.Add(message, tenant);
    }
}

/// <summary>
/// Where the child process stops to be killed: in the middle of a handler (its work done but not committed), the moment
/// the consumer's transaction commits (before anything else of the delivery runs), or after the whole pipeline but
/// before the transport acknowledged. It says so on stdout, then waits forever.
/// </summary>
public sealed class CrashPoint : IFilter<ConsumeContext>
{
    public const string Header = "X-Crash";
    public const string DuringHandling = "during-handling";
    public const string AtInboxCommit = "at-inbox-commit";
    public const string AfterCommit = "after-commit";

    /// <summary>Set by the consumer: the next commit of this process stops it (<see cref="CommitInterceptor"/>).</summary>
    public static volatile bool AtNextCommit;

    public sealed class CommitInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction,
            Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (AtNextCommit)
                await Announce(AtInboxCommit);
        }
    }

    public static async Task Announce(string point)
    {
        Console.Out.WriteLine(point);
        await Console.Out.FlushAsync();
        await Task.Delay(Timeout.Infinite);
    }

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        await next.Send(context);
        if (ShopHost.CrashPointsEnabled && context.Headers.Get<string>(Header) == AfterCommit)
            await Announce(AfterCommit);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("crashPoint");
}
