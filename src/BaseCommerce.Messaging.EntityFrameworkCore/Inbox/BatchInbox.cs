using System.Collections;
using MassTransit;
using MassTransit.Context;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// What the inbox needs to know of a <see cref="Batch{T}"/> consumer's message: whether <typeparamref name="T"/> is a
/// batch, the ids of the messages it holds, and the same batch without the ones consumed before.
/// </summary>
static class BatchInbox<T> where T : class
{
    static readonly Type? MessageType = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>)
        ? typeof(T).GetGenericArguments()[0]
        : null;

    static readonly Func<ConsumeContext<T>, IReadOnlySet<Guid>, ConsumeContext<T>>? Filter = MessageType is null
        ? null
        : (Func<ConsumeContext<T>, IReadOnlySet<Guid>, ConsumeContext<T>>)typeof(BatchFilter<>).MakeGenericType(MessageType)
            .GetMethod(nameof(BatchFilter<object>.Keep))!
            .CreateDelegate(typeof(Func<ConsumeContext<T>, IReadOnlySet<Guid>, ConsumeContext<T>>));

    public static bool IsBatch => MessageType is not null;

    /// <summary>The batch's message ids, in order (a batch is an enumerable of its messages' consume contexts).</summary>
    public static IReadOnlyList<Guid> MessageIds(ConsumeContext<T> context) =>
        [.. ((IEnumerable<ConsumeContext>)context.Message).Select(m => m.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "A message needs a MessageId to be consumed through the inbox."))];

    /// <summary>The batch with only the messages in <paramref name="fresh"/>; the same context when that is all of them.</summary>
    public static ConsumeContext<T> Keep(ConsumeContext<T> context, IReadOnlySet<Guid> fresh) => Filter!(context, fresh);
}

static class BatchFilter<TMessage> where TMessage : class
{
    public static ConsumeContext<Batch<TMessage>> Keep(ConsumeContext<Batch<TMessage>> context, IReadOnlySet<Guid> fresh)
    {
        var kept = context.Message.Where(m => m.GetOriginalMessageId() is { } id && fresh.Contains(id)).ToList();
        return kept.Count == context.Message.Length ? context : new BatchConsumeContext<TMessage>(context, new FilteredBatch(context.Message, kept));
    }

    sealed class FilteredBatch(Batch<TMessage> batch, IReadOnlyList<ConsumeContext<TMessage>> kept) : Batch<TMessage>
    {
        public BatchCompletionMode Mode => batch.Mode;
        public DateTime FirstMessageReceived => batch.FirstMessageReceived;
        public DateTime LastMessageReceived => batch.LastMessageReceived;
        public ConsumeContext<TMessage> this[int index] => kept[index];
        public int Length => kept.Count;
        public IEnumerator<ConsumeContext<TMessage>> GetEnumerator() => kept.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
