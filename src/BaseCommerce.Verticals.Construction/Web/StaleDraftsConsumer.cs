using BaseCommerce.Contracts.Quotes;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>The scheduler's nightly clean-up of a store's abandoned quote-wizard drafts.</summary>
public sealed class StaleDraftsConsumer(QuoteWizard wizard) : IConsumer<PurgeStaleDrafts>
{
    public Task Consume(ConsumeContext<PurgeStaleDrafts> context) => wizard.PurgeStaleAsync(context.CancellationToken);
}
