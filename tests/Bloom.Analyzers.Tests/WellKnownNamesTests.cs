using Bloom.Roslyn;

namespace Bloom.Analyzers.Tests;

/// <summary>The Roslyn projects find Bloom's attributes by metadata name; this keeps those strings in step with the real types.</summary>
public sealed class WellKnownNamesTests
{
    [Test]
    public void Attribute_names_match_the_Bloom_Abstractions_types()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(typeof(AggregateAttribute).FullName, Is.EqualTo(WellKnownNames.AggregateAttribute));
            Assert.That(typeof(EntityAttribute).FullName, Is.EqualTo(WellKnownNames.EntityAttribute));
            Assert.That(typeof(ValueObjectAttribute).FullName, Is.EqualTo(WellKnownNames.ValueObjectAttribute));
            Assert.That(typeof(DomainEventAttribute).FullName, Is.EqualTo(WellKnownNames.DomainEventAttribute));
            Assert.That(typeof(StronglyTypedIdAttribute).FullName, Is.EqualTo(WellKnownNames.StronglyTypedIdAttribute));
            Assert.That(typeof(ValidationErrors).FullName, Is.EqualTo(WellKnownNames.ValidationErrors));
        }
    }

    [Test]
    public void Target_attributes_are_exactly_the_five_Bloom_attributes()
        => Assert.That(
            WellKnownNames.TargetAttributes,
            Is.EquivalentTo(new[]
            {
                typeof(AggregateAttribute).FullName,
                typeof(EntityAttribute).FullName,
                typeof(ValueObjectAttribute).FullName,
                typeof(DomainEventAttribute).FullName,
                typeof(StronglyTypedIdAttribute).FullName,
            }));
}
