using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.Platform.Tests.Hosts;

/// <summary>Records every log entry with the scope values active when it was written.</summary>
public sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<IReadOnlyDictionary<string, object?>> Entries { get; } = new();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    sealed class Logger(ScopeCapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((scope, bag) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) bag[key] = value;
            }, values);
            owner.Entries.Enqueue(values);
        }
    }
}
