//! The packed format of the embedded default model (internal): safetensors
//! buffers written by `tools/package/quantize_model.py`, where a tensor
//! `NAME` stored as I8 comes with `NAME.scale` (F32, one scale per row) and
//! every other tensor is F16/F32 as trained.
//!
//! [`tensors`] dequantises the int8 rows (`q · scale` in f32) and upcasts the
//! rest, giving the tensors of the original checkpoint up to the int8
//! rounding. The int8 path re-quantises the dense weights at load: a row
//! `q · s` quantises back to exactly `q` (its largest value is `±127 · s`).

use std::collections::HashMap;

use candle_core::{DType, Device, Tensor};
use safetensors::{tensor::TensorView, Dtype, SafeTensors};

type CResult<T> = candle_core::Result<T>;

fn f32_of(view: &TensorView<'_>, name: &str) -> CResult<Vec<f32>> {
    let d = view.data();
    match view.dtype() {
        Dtype::F32 => {
            Ok(d.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
        }
        Dtype::F16 => {
            Ok(d.chunks_exact(2).map(|b| half::f16::from_le_bytes([b[0], b[1]]).to_f32()).collect())
        }
        other => candle_core::bail!("{name}: unsupported dtype {other:?}"),
    }
}

/// Every tensor of the `buffers` as f32 on `device`.
pub(crate) fn tensors(buffers: &[&[u8]], device: &Device) -> CResult<HashMap<String, Tensor>> {
    let mut out = HashMap::new();
    for buf in buffers {
        let st = SafeTensors::deserialize(buf)
            .map_err(|e| candle_core::Error::Msg(format!("packed model: {e}")))?;
        for (name, view) in st.tensors() {
            if name.ends_with(".scale") {
                continue;
            }
            let shape = view.shape().to_vec();
            let data = if view.dtype() == Dtype::I8 {
                let scale_name = format!("{name}.scale");
                let scales = st
                    .tensor(&scale_name)
                    .map_err(|e| candle_core::Error::Msg(format!("{scale_name}: {e}")))?;
                let scales = f32_of(&scales, &scale_name)?;
                let cols = shape.last().copied().unwrap_or(0).max(1);
                if scales.len() * cols != view.data().len() {
                    candle_core::bail!("{name}: {} scales for shape {shape:?}", scales.len());
                }
                view.data()
                    .chunks_exact(cols)
                    .zip(&scales)
                    .flat_map(|(row, &s)| row.iter().map(move |&q| f32::from(q as i8) * s))
                    .collect()
            } else {
                f32_of(&view, &name)?
            };
            let t = Tensor::from_vec(data, shape, device)?.to_dtype(DType::F32)?;
            out.insert(name, t);
        }
    }
    Ok(out)
}
