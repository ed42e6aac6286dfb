namespace BaseCommerce.ServiceDefaults.Metrics;

internal sealed class ScalarSeries
{
    double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double value) => AtomicDouble.Add(ref _value, value);

    public void Set(double value) => Volatile.Write(ref _value, value);
}
