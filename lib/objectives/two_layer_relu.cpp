#include "lib/objectives/two_layer_relu.hpp"

#include "lib/random.hpp"
#include "lib/validate.hpp"

namespace gdcheck {

void TwoLayerReluSpec::validate() const {
  require_positive("TwoLayerReluSpec.samples", samples);
  require_positive("TwoLayerReluSpec.inputs", inputs);
  require_positive("TwoLayerReluSpec.width", width);
}

TwoLayerReluData two_layer_relu_data(const TwoLayerReluSpec& spec) {
  spec.validate();
  Rng rng(spec.seed);
  TwoLayerReluData data{Matrix<double>(spec.inputs, spec.samples), Vector<double>(spec.samples),
                        Vector<double>(spec.width)};
  for (int i = 0; i < spec.samples; ++i) {
    do {
      for (int c = 0; c < spec.inputs; ++c) data.inputs(c, i) = rng.normal();
    } while (data.inputs.col(i).norm() == 0);
    data.inputs.col(i) /= data.inputs.col(i).norm();
    data.targets(i) = rng.normal();
  }
  for (double& a : data.signs) a = rng.uniform01() < 0.5 ? -1.0 : 1.0;
  return data;
}

}  // namespace gdcheck
