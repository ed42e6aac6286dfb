using Xunit.Abstractions;

namespace BaseCommerce.ArchitectureTests;

/// <summary>
/// A rule's sentence as a theory argument. xunit cuts string arguments at 50 characters in display names;
/// a serializable value that prints itself is shown whole, so every row reads as its full sentence.
/// </summary>
public sealed class RuleName : IXunitSerializable
{
    public RuleName() => Sentence = "";

    public RuleName(string sentence) => Sentence = sentence;

    public string Sentence { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Sentence = info.GetValue<string>(nameof(Sentence));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Sentence), Sentence);

    public override string ToString() => Sentence;
}
