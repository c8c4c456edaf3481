import FeeddCore
import CCurl
