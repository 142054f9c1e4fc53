#include "properties/case_readings.hpp"
#include "properties/sgd_cases.hpp"

#include <algorithm>
#include <sstream>
#include <string>

#include "lib/run_digest.hpp"
#include "properties/generators.hpp"
#include "properties/library_implementation.hpp"
#include "properties/property.hpp"
#include "properties/results_file.hpp"
#include "theorems/sgd_batch_law.hpp"

namespace gdcheck {

StochasticGradientDescentImplementation library_stochastic_gradient_descent() {
  return library_implementation(LibraryStochasticGradientDescent{});
}

BatchLawCase batch_law_case(bool only_with_replacement) {
  BatchLawCase c;
  c.spec.samples = static_cast<int>(*gen::integer(2, 6));
  c.spec.dimension = static_cast<int>(*gen::integer(1, 4));
  c.spec.seed = *gen::seed();
  const LeastSquares<double> f(c.spec);
  c.options.batch_size = static_cast<int>(*gen::integer(1, std::min(3, c.spec.samples - 1)));
  c.options.sampling = only_with_replacement
                           ? BatchSampling::with_replacement
                           : *rc::gen::element(BatchSampling::with_replacement, BatchSampling::without_replacement);
  c.options.step = 0.5 / f.component_gradient_lipschitz().value;
  c.options.max_iterations = 3000;
  c.options.seed = *gen::seed();
  c.x0 = gen::StartPoint{*gen::seed(), 0}.realize(c.spec.dimension);
  return c;
}

sgd_batch_law::LawReading read_batch_law(const LeastSquares<double>& f, const BatchLawCase& c,
                                         const StochasticGradientDescentImplementation& sgd) {
  return sgd_batch_law::check_run(f, c.x0, c.options, kBatchLawLevel, sgd);
}

void sgd_batch_law_case(const StochasticGradientDescentImplementation& sgd) {
  property_log().no_runs_yet();
  const BatchLawCase c = batch_law_case(false);
  const LeastSquaresSpec& spec = c.spec;
  const LeastSquares<double> f(spec);
  const StochasticGradientDescentOptions<double>& options = c.options;
  // One run's steps: the case is computed whole, by one shard when sharded (case_readings.hpp).
  const auto computed = case_reading(options.seed, [&] {
    return read_batch_law(f, c, sgd);
  }, batch_law_reading);
  if (!computed) return;  // a shard: this case's reading is in the line, or another shard's to compute
  const sgd_batch_law::LawReading& reading = *computed;
  property_log().field("false_alarm_per_case", json_number(kBatchLawLevel));
  // The power statement's entry: cell 0's count (every cell is tested alike, at kBatchLawLevel / cells).
  long trials = 0;
  for (const long count : reading.counts) trials += count;
  if (trials > 0) {
    property_log().monte_carlo(options.sampling == BatchSampling::with_replacement ? "drew index 0" : "drew subset 0",
                               reading.counts[0], trials,
                               {{"equals", reading.cell_probability},
                                {"level", kBatchLawLevel / static_cast<double>(reading.cells.size())}});
    property_log().digest(reading.digest);
  } else {
    property_log().field("digest", digest_text(reading.digest));  // no step decided: no count to carry it
  }
  property_log().field("undecided_steps", reading.undecided);
  std::ostringstream setting;
  setting << "m = " << spec.samples << ", b = " << options.batch_size << " " << to_string(options.sampling)
          << ", alpha = " << options.step << ", seed " << options.seed << "; instance ";
  showValue(spec, setting);
  if (reading.rule_violation) {
    RC_FAIL("step " + std::to_string(reading.violating_step) + " is no batch mean of b component gradients: " +
            reading.rule_violation->describe() +
            " (lhs: distance to the nearest batch mean, rhs: one step's rounding); " +
            setting.str());
  }
  if (reading.skewed_cell >= 0) {
    std::ostringstream cell;
    for (const int i : reading.cells[reading.skewed_cell]) cell << (cell.tellp() > 0 ? ", " : "") << i;
    const bool with_replacement = options.sampling == BatchSampling::with_replacement;
    RC_FAIL((with_replacement ? "index " : "batch {") + cell.str() + (with_replacement ? "" : "}") + " drawn " +
            std::to_string(reading.counts[reading.skewed_cell]) + " times: its rate is in [" +
            describe_value(reading.skewed_lower) + ", " + describe_value(reading.skewed_upper) + "], not " +
            describe_value(reading.cell_probability) + "; " + setting.str());
  }
}

}  // namespace gdcheck
