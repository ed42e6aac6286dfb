namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

public interface IStockEvent
{
    Guid ProductId { get; }
}

public sealed record StockChanged(Guid ProductId, decimal Quantity) : IStockEvent;
public sealed record PriceQuery(string Code);
public sealed record PriceAnswer(string Code, decimal Price);
public sealed record Unwanted(string Note);
public sealed record Flaky(int Id);
public sealed record Slow(int Id);
public sealed record Parcel(int Id);
public sealed record Contested(Guid Id);
