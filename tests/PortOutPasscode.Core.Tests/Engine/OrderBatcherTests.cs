using PortOutPasscode.Contract;
using System.Collections.Generic;
using System.Linq;
using PortOutPasscode.Engine;
using Xunit;

namespace PortOutPasscode.Core.Tests.Engine
{
    public class OrderBatcherTests
    {
        private static string Number(int i) => (2012000000 + i).ToString();

        [Fact]
        public void An_order_is_handed_out_as_soon_as_it_is_full()
        {
            var batcher = new OrderBatcher(3, new CustomerOrderIds("run"));
            var full = new List<TnOptionOrderRequest>();
            for (var i = 0; i < 7; i++)
            {
                Assert.Equal(RowVerdict.Queued, batcher.Add(Number(i), "a1b2", i + 1, out _, out var order));
                if (order != null) full.Add(order);
                if (i == 2) Assert.Single(full);
            }
            Assert.Equal(2, full.Count);
            Assert.Equal(1, batcher.PendingCount);
            var last = batcher.Flush();
            Assert.Equal(new[] { "run-1", "run-2", "run-3" }, full.Append(last).Select(o => o.CustomerOrderId));
            Assert.Null(batcher.Flush());
            var all = full.Append(last).SelectMany(o => o.Groups).SelectMany(g => g.TelephoneNumbers).ToList();
            Assert.Equal(Enumerable.Range(0, 7).Select(Number), all);
        }

        [Fact]
        public void Numbers_are_grouped_by_passcode_within_an_order()
        {
            var batcher = new OrderBatcher(10, new CustomerOrderIds("run"));
            batcher.Add(Number(1), "aaaa", 1, out _, out _);
            batcher.Add(Number(2), "bbbb", 2, out _, out _);
            batcher.Add(Number(3), "aaaa", 3, out _, out _);
            var order = batcher.Flush();
            Assert.Equal(2, order.Groups.Count);
            Assert.Equal(new[] { Number(1), Number(3) }, order.Groups.Single(g => g.PortOutPasscode == "aaaa").TelephoneNumbers);
            Assert.Equal(new[] { Number(2) }, order.Groups.Single(g => g.PortOutPasscode == "bbbb").TelephoneNumbers);
        }

        [Fact]
        public void A_repeated_number_is_sent_once_and_a_conflicting_one_is_not_sent()
        {
            var batcher = new OrderBatcher(10, new CustomerOrderIds("run"));
            Assert.Equal(RowVerdict.Queued, batcher.Add(Number(1), "aaaa", 4, out _, out _));
            Assert.Equal(RowVerdict.Duplicate, batcher.Add(Number(1), "aaaa", 9, out var first, out _));
            Assert.Equal(4, first);
            Assert.Equal(RowVerdict.Conflict, batcher.Add(Number(1), "bbbb", 12, out first, out _));
            Assert.Equal(4, first);
            var order = batcher.Flush();
            Assert.Equal(new[] { Number(1) }, order.Groups.SelectMany(g => g.TelephoneNumbers));
        }

        [Fact]
        public void Duplicates_are_caught_across_orders()
        {
            var batcher = new OrderBatcher(1, new CustomerOrderIds("run"));
            batcher.Add(Number(1), "aaaa", 1, out _, out var firstOrder);
            Assert.NotNull(firstOrder);
            Assert.Equal(RowVerdict.Conflict, batcher.Add(Number(1), "bbbb", 2, out _, out var none));
            Assert.Null(none);
        }
    }

    public class CustomerOrderIdsTests
    {
        [Fact]
        public void A_new_base_leaves_room_for_the_suffix_and_is_valid()
        {
            var baseId = CustomerOrderIds.NewBase(DateTime.UtcNow);
            Assert.True(CustomerOrderIds.IsValidBase(baseId, out var problem), problem);
            Assert.NotEqual(baseId, CustomerOrderIds.NewBase(DateTime.UtcNow));
        }

        [Theory]
        [InlineData("batch 42", true)]
        [InlineData("a-b-c", true)]
        [InlineData("batch_42", false)]
        [InlineData("batch<42>", false)]
        [InlineData("123456789012345678901234567890123", true)]
        [InlineData("1234567890123456789012345678901234", false)]
        public void Base_follows_the_API_rule_and_the_length_limit(string baseId, bool valid)
        {
            Assert.Equal(valid, CustomerOrderIds.IsValidBase(baseId, out _));
        }

        [Fact]
        public void Ids_are_numbered_and_never_exceed_40_characters()
        {
            var ids = new CustomerOrderIds(new string('x', CustomerOrderIds.MaxBaseLength));
            string last = null!;
            for (var i = 0; i < 100; i++) last = ids.Next();
            Assert.EndsWith("-100", last);
            Assert.True(last.Length <= 40);
        }
    }
}
