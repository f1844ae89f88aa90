using System.Net;
using PortOutPasscode.Emulator.Tests.Support;

namespace PortOutPasscode.Emulator.Tests;

/// <summary>Many clients at once: nothing lost, nothing counted twice. Bounded loops, loopback only.</summary>
public sealed class ConcurrencyTests
{
    private const int Workers = 8;
    private const int OrdersPerWorker = 25;
    private const int NumbersPerOrder = 4;

    [Fact]
    public async Task Parallel_creates_store_every_order_and_every_passcode_once()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var ids = new List<string>();
            for (var i = 0; i < OrdersPerWorker; i++)
            {
                var first = 2012000000 + (worker * OrdersPerWorker + i) * NumbersPerOrder;
                ids.Add(await emulator.CreateAsync(OrderXml.Order($"w{worker}-{i}", Group.Passcode($"pw{worker}x{i}", OrderXml.Numbers(first, NumbersPerOrder)))));
                // Readers at the same time as writers.
                Assert.Equal(HttpStatusCode.OK, (await emulator.GetAsync(TestEmulator.Passcodes() + "?page=1&size=50")).Status);
            }
            return ids;
        })));
        emulator.FinishOrders();

        var ids = created.SelectMany(i => i).ToList();
        Assert.Equal(Workers * OrdersPerWorker, ids.Distinct().Count());
        var stored = await emulator.StoredOrdersAsync();
        Assert.Equal(ids.Order(), stored.Select(o => o.GetProperty("orderId").GetString()).Order());
        Assert.All(stored, o => Assert.Equal("COMPLETE", o.GetProperty("status").GetString()));
        var passcodes = await emulator.StoredPasscodesAsync();
        Assert.Equal(Workers * OrdersPerWorker * NumbersPerOrder, passcodes.Count);
        Assert.Equal("pw3x7", passcodes[(2012000000 + (3 * OrdersPerWorker + 7) * NumbersPerOrder + 2).ToString()]);
        var list = await emulator.GetAsync(TestEmulator.Orders());
        Assert.Equal((Workers * OrdersPerWorker).ToString(), list.Xml.Element("TotalCount").Value);
        Assert.Equal(Workers * OrdersPerWorker * 2 + 1, (await emulator.LoggedRequestsAsync()).Length); // and the list just above
    }

    [Fact]
    public async Task Parallel_orders_on_the_same_number_leave_exactly_one_of_their_passcodes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var passcodes = Enumerable.Range(0, 40).Select(i => $"same{i:00}").ToArray();

        await Task.WhenAll(passcodes.Select(p => Task.Run(() => emulator.CreateAsync(OrderXml.Passcode(p, "2012000001", "2012000002")))));

        var stored = await emulator.StoredPasscodesAsync();
        Assert.Contains(stored["2012000001"], passcodes);
        // One order is applied whole before the next: both numbers carry the same order's passcode.
        Assert.Equal(stored["2012000001"], stored["2012000002"]);
        Assert.Equal(40, (await emulator.StoredOrdersAsync()).Length);
    }
}
